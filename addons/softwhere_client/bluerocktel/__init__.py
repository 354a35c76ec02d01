from . import importer, mapper
