"""Loopback simulators of Cfast, SNAIC and Alphalink: test servers, not production code.

Real HTTP servers (WSGI, werkzeug) speaking the shapes of the real platforms,
seeded with a deterministic generated park, able to inject faults on demand.
This package is not part of the ``softwhere-lib`` distribution: tests, the demo,
the benchmarks and the Odoo addons' tests import it with the repository root on
``PYTHONPATH``. It needs Werkzeug (``pip install -e .[sim]`` or
``requirements-dev.txt``; Odoo brings its own).
"""
