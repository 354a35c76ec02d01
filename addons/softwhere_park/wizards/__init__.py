from . import softwhere_line_change_plan
