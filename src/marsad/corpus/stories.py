"""Stories: the groups of articles that are one piece of news (exact reprints and near duplicates).

A story is named after its earliest article (the store id of that document). A new article joins the
story of the documents it duplicates; when it duplicates articles of several stories, those stories
are merged into the oldest one. Story and event aggregates are recomputed for the touched stories at
each commit, from the rows themselves, so they never depend on where a batch happened to end.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from marsad.corpus.dedup import DedupIndex, Signature
from marsad.corpus.events import refresh_events


@dataclass(frozen=True, slots=True)
class Assignment:
    story_id: str
    dup_of: str | None
    dup_kind: str | None
    dup_score: float | None


@dataclass
class StoryBook:
    conn: sqlite3.Connection
    index: DedupIndex
    touched: set[str] = field(default_factory=set)

    def load(self) -> int:
        """Rebuild the duplicate index from the stored fingerprints (after a restart or a crash)."""
        cur = self.conn.execute("SELECT d.seq, d.norm_hash, f.signature, d.published FROM documents d "
                                "JOIN fingerprints f ON f.seq = d.seq ORDER BY d.seq")
        self.index.load(cur)
        return len(self.index)

    def assign(self, doc_id: str, text_hash: str, sig: Signature, published: date | None) -> Assignment:
        """The story of a new document (merging stories it bridges); call before inserting the document,
        and `remember` it once it is inserted."""
        match = self.index.match(text_hash, sig, published)
        if match is None:
            self.touched.add(doc_id)
            return Assignment(doc_id, None, None, None)
        exact_story = self._story_of(match.seq) if match.kind == "exact" else None
        stories = [sid for sid, start in self._stories_of(match.all_seqs)
                   if sid == exact_story or self._in_window(published, start)]
        if not stories:  # near duplicates of stories that began too long ago: a new story
            self.touched.add(doc_id)
            return Assignment(doc_id, None, None, None)
        target = stories[0]
        for other in stories[1:]:
            self._merge(other, target)
        seq, score = max(((s, sc) for s, sc in match.scores if self._story_of(s) == target),
                         key=lambda x: (x[1], -x[0]))
        self.touched.add(target)
        return Assignment(target, self._doc_id(seq), "exact" if score >= 1.0 and match.kind == "exact" else "near",
                          round(score, 4))

    def _in_window(self, published: date | None, start: str | None) -> bool:
        """A near duplicate joins a story only while it is recent: within the window of its first article."""
        window = self.index.window_days
        if window is None or published is None or start is None:
            return True
        return abs((published - date.fromisoformat(start)).days) <= window

    def _story_of(self, seq: int) -> str:
        return str(self.conn.execute("SELECT story_id FROM documents WHERE seq = ?", (seq,)).fetchone()[0])

    def remember(self, seq: int, text_hash: str, sig: Signature, published: date | None) -> None:
        self.index.add(seq, text_hash, sig, published)

    def _stories_of(self, seqs: tuple[int, ...]) -> list[tuple[str, str | None]]:
        """(story, first publication date) of the given documents' distinct stories, oldest story first."""
        marks = ",".join("?" * len(seqs))
        cur = self.conn.execute(
            f"SELECT d.story_id, min(s.seq), min(s.published) FROM documents d JOIN documents s "
            f"ON s.story_id = d.story_id WHERE d.seq IN ({marks}) GROUP BY d.story_id ORDER BY min(s.seq)", seqs)
        return [(str(r[0]), r[2]) for r in cur]

    def _doc_id(self, seq: int) -> str:
        return str(self.conn.execute("SELECT id FROM documents WHERE seq = ?", (seq,)).fetchone()[0])

    def _merge(self, source: str, target: str) -> None:
        self.conn.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (target, source))
        self.conn.execute("DELETE FROM stories WHERE id = ?", (source,))
        self.conn.execute("DELETE FROM events WHERE story_id = ?", (source,))
        self.touched.discard(source)
        self.touched.add(target)

    def refresh(self) -> int:
        """Recompute the rows of every touched story and its merged events; returns how many."""
        stories = sorted(self.touched)
        for story_id in stories:
            refresh_story(self.conn, story_id)
        refresh_events(self.conn, stories)
        self.touched.clear()
        return len(stories)


def refresh_story(conn: sqlite3.Connection, story_id: str) -> None:
    row = conn.execute(
        "SELECT count(*), sum(dup_kind = 'exact'), sum(dup_kind = 'near'), "
        "count(DISTINCT coalesce(outlet, id)), min(published), max(published) "
        "FROM documents WHERE story_id = ?", (story_id,)).fetchone()
    if not row[0]:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    first = conn.execute("SELECT id, coalesce(title, substr(text, 1, 120)) FROM documents WHERE story_id = ? "
                         "ORDER BY seq LIMIT 1", (story_id,)).fetchone()
    conn.execute(
        "INSERT INTO stories (id, first_doc_id, title, num_articles, num_exact, num_near, num_sources, "
        "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "first_doc_id = excluded.first_doc_id, title = excluded.title, num_articles = excluded.num_articles, "
        "num_exact = excluded.num_exact, num_near = excluded.num_near, num_sources = excluded.num_sources, "
        "first_seen = excluded.first_seen, last_seen = excluded.last_seen",
        (story_id, first[0], first[1], row[0], row[1] or 0, row[2] or 0, row[3], row[4], row[5]))
