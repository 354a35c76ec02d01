"""Loopback simulators of Cfast, SNAIC and Alphalink.

Real HTTP servers (WSGI, werkzeug) speaking the shapes of the real platforms,
seeded with a deterministic generated park, able to inject faults on demand.
"""
