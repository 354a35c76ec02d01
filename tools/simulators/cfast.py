#!/usr/bin/env python3
"""Run the cfast simulator: `python tools/simulators/cfast.py --help`."""

import sys
from pathlib import Path

# Run from a checkout without installing: the repository root holds softwhere_lib.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from softwhere_sim.cfast import main  # noqa: E402

if __name__ == "__main__":
    main()
