"""Pure-Python layer of SoftWhere.

Everything here is importable and testable without Odoo: the clients of the
external systems (Cfast, SNAIC, Alphalink), the file formats (BlueRockTEL),
billing periods, reconciliation, and number handling. The loopback simulators
used by tests, demo and benchmarks are apart, in ``softwhere_sim`` (not
installed with this library). The Odoo addons only map what these return into
ORM values.
"""
