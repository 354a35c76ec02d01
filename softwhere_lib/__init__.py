"""Pure-Python layer of SoftWhere.

Everything here is importable and testable without Odoo: the clients of the
external systems (Cfast, SNAIC, Alphalink), the file formats (BlueRockTEL),
number handling and the loopback simulators used by tests, demo and benchmarks.
The Odoo addons only map what these return into ORM values.
"""
