"""A run killed with SIGKILL mid-way and started again ends with the same store as a run that was never
interrupted: nothing stored twice, nothing lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from .corpus_helpers import dump, generated_corpus, write_jsonl

N_DOCS = 400


def ingest_cmd(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "marsad", "ingest", str(source), "--db", str(db), "--workers", "2",
            "--commit-every", "7"]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", generated_corpus(N_DOCS))
    whole, resumed = tmp_path / "whole.db", tmp_path / "resumed.db"
    subprocess.run(ingest_cmd(source, whole), check=True, capture_output=True, timeout=600)
    assert stored(whole) == N_DOCS

    proc = subprocess.Popen(ingest_cmd(source, resumed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while stored(resumed) < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its analysis workers, with no chance to clean up
    proc.wait(timeout=30)
    at_kill = stored(resumed)
    assert 0 < at_kill < N_DOCS, f"the run was not caught mid-way ({at_kill} stored)"

    second = subprocess.run(ingest_cmd(source, resumed), check=True, capture_output=True, timeout=600, text=True)
    assert stored(resumed) == N_DOCS
    assert dump(resumed) == dump(whole)
    again = subprocess.run([*ingest_cmd(source, resumed), "--json"], check=True, capture_output=True, text=True)
    assert '"stored": 0' in again.stdout, second.stderr
