"""Where student code runs, and the grader's handles on it.

    inside/            runs INSIDE the sandbox (copied there as plain files); imports nothing from
                       the grader: zygote.py (forks one worker per submission), worker.py (runs the
                       notebook's cells and answers calls), wire.py (the protocol: JSON + .npy)
    isolation.py       the two isolation modes and the command that starts the zygote (bubblewrap)
    zygote_handle.py   the grader's handle on its zygote: spawn and kill workers
    worker_session.py  the grader's handle on one worker: run cells, call functions, enforce time
    values.py          values the tests send in (functions by source or by name) and unreadable replies
"""
