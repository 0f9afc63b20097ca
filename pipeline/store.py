"""The order registry: every processed document and the order it carried, for duplicates and history.

SQLAlchemy 2.0 ORM over any database URL. The default is a SQLite file (`sqlite:///.orderintake/orders.db`);
a team sets `database_url` to a PostgreSQL URL so that several machines share one registry.

SQLite is opened in WAL mode with a busy timeout, and every transaction starts with `BEGIN IMMEDIATE`, so
many writers (threads, or flow runs in separate processes) queue for the write lock instead of failing with
"database is locked". WAL needs a local disk: put the SQLite file on the machine, not on a network share.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, create_engine, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from models.order import Order
from models.result import ExtractionResult

if TYPE_CHECKING:
    from validators.context import PreviousOrder

SQLITE_BUSY_TIMEOUT_MS = 60_000
_LEGAL_NOISE = re.compile(r"[^\w]+")


class Base(DeclarativeBase):
    """Declarative base of the registry tables."""


class DocumentRow(Base):
    """One input document, keyed by the sha256 of its bytes."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str | None] = mapped_column(String(1024))
    status: Mapped[str] = mapped_column(String(32))
    error_code: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    output_dir: Mapped[str | None] = mapped_column(String(1024))
    result_json: Mapped[str] = mapped_column(Text)


class OrderRow(Base):
    """The order a document carried (buyer, PO number, revision) and its outcome."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    buyer_name: Mapped[str | None] = mapped_column(String(512))
    buyer_key: Mapped[str | None] = mapped_column(String(512), index=True)
    order_number: Mapped[str] = mapped_column(String(128), index=True)
    revision: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    order_json: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class OrderSummary:
    """One line of the history: what `orderintake orders` lists."""

    received_at: datetime
    sha256: str
    source: str | None
    status: str
    error_code: str | None
    buyer_name: str | None
    order_number: str | None
    revision: str | None


def resolve_database_url(url: str, base_dir: Path) -> str:
    """Make a relative SQLite file path absolute against `base_dir` (the service root or working dir).

    Args:
        url: A SQLAlchemy URL; only relative `sqlite:///` file paths are changed.
        base_dir: The directory relative SQLite paths are resolved against.

    Returns:
        The URL with an absolute SQLite path, or `url` unchanged.

    """
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return url
    if Path(database).is_absolute():
        return url
    return parsed.set(database=str((base_dir / database).resolve())).render_as_string(hide_password=False)


def buyer_key(name: str | None) -> str | None:
    """Comparable form of a buyer name: case, spacing and punctuation folded."""
    if not name:
        return None
    folded = _LEGAL_NOISE.sub(" ", name.casefold()).strip()
    return folded or None


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    """SQLite drops the zone on the way back; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads, then writes, can fail at once
        # with "database is locked" instead of waiting for the busy timeout.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class OrderStore:
    """The registry of documents and orders; implements `validators.context.OrderRegistry`."""

    def __init__(self, url: str) -> None:
        """Open (and create if needed) the registry at a SQLAlchemy URL.

        Args:
            url: `sqlite:///path/orders.db`, `postgresql+psycopg://user@host/db`, or any SQLAlchemy URL.

        """
        self.url = url
        is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self.engine = _sqlite_engine(url) if is_sqlite else create_engine(url, pool_pre_ping=True)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def record(
        self, result: ExtractionResult, *, received_at: datetime | None = None, output_dir: Path | None = None
    ) -> None:
        """Insert or update a processed document (and its order when it has an order number).

        Args:
            result: The extraction result; documents without a sha256 are not recorded.
            received_at: When the document arrived; kept from the first record on updates.
            output_dir: The folder its outputs were written to; kept from earlier records when None.

        """
        sha256 = result.document.sha256
        if not sha256:
            return
        try:
            self._upsert(sha256, result, received_at or _utcnow(), output_dir)
        except IntegrityError:  # another process inserted the same document meanwhile: update it
            self._upsert(sha256, result, received_at or _utcnow(), output_dir)

    def _upsert(self, sha256: str, result: ExtractionResult, received_at: datetime, output_dir: Path | None) -> None:
        with self._session() as session:
            doc = session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).one_or_none()
            if doc is None:
                doc = DocumentRow(sha256=sha256, received_at=received_at)
                session.add(doc)
            if output_dir is not None:
                doc.output_dir = str(output_dir)
            doc.source = result.document.source
            doc.status = result.status
            doc.error_code = result.error.code if result.error else None
            doc.processed_at = _utcnow()
            doc.result_json = result.model_dump_json()
            session.flush()
            self._upsert_order(session, doc, result)

    @staticmethod
    def _upsert_order(session: Session, doc: DocumentRow, result: ExtractionResult) -> None:
        existing = session.scalars(select(OrderRow).where(OrderRow.sha256 == doc.sha256)).one_or_none()
        order = result.order
        if not order.order_number or result.status in ("failed", "not_an_order"):
            if existing is not None:
                session.delete(existing)
            return
        row = existing or OrderRow(sha256=doc.sha256, document_id=doc.id, received_at=doc.received_at)
        row.buyer_name = order.buyer.name
        row.buyer_key = buyer_key(order.buyer.name)
        row.order_number = order.order_number
        row.revision = order.revision
        row.status = result.status
        row.order_json = order.model_dump_json()
        if existing is None:
            session.add(row)

    def seen(self, sha256: str) -> ExtractionResult | None:
        """The recorded result of a document with these bytes, or None when it was never processed."""
        with self._session() as session:
            doc = session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).one_or_none()
            return ExtractionResult.model_validate_json(doc.result_json) if doc else None

    def output_dir(self, sha256: str) -> Path | None:
        """Where the outputs of a document with these bytes were written, if recorded."""
        with self._session() as session:
            query = select(DocumentRow.output_dir).where(DocumentRow.sha256 == sha256)
            found = session.scalars(query).one_or_none()
            return Path(found) if found else None

    def find_previous(
        self, buyer_name: str | None, order_number: str, exclude_sha256: str | None = None
    ) -> PreviousOrder | None:
        """The most recent earlier order with this order number from the same buyer.

        Args:
            buyer_name: The buyer as read; when None, any buyer's order with this number matches.
            order_number: The buyer's order (PO) number, compared exactly after trimming.
            exclude_sha256: The current document, which must not match itself.

        Returns:
            The previous order, or None.

        """
        from validators.context import PreviousOrder

        query = select(OrderRow).where(OrderRow.order_number == order_number.strip())
        key = buyer_key(buyer_name)
        if key is not None:
            query = query.where(OrderRow.buyer_key == key)
        if exclude_sha256:
            query = query.where(OrderRow.sha256 != exclude_sha256)
        query = query.order_by(OrderRow.received_at.desc(), OrderRow.id.desc()).limit(1)
        with self._session() as session:
            row = session.scalars(query).first()
            if row is None:
                return None
            source = session.get(DocumentRow, row.document_id)
            return PreviousOrder(
                received_at=_as_utc(row.received_at),
                sha256=row.sha256,
                source=source.source if source else None,
                order=Order.model_validate_json(row.order_json),
            )

    def recent(self, limit: int = 20) -> list[OrderSummary]:
        """The most recently received documents, newest first, with their order's key facts."""
        query = (
            select(DocumentRow, OrderRow)
            .outerjoin(OrderRow, OrderRow.document_id == DocumentRow.id)
            .order_by(DocumentRow.received_at.desc(), DocumentRow.id.desc())
            .limit(limit)
        )
        with self._session() as session:
            return [_summary(doc, order) for doc, order in session.execute(query).all()]

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def _summary(doc: DocumentRow, order: OrderRow | None) -> OrderSummary:
    return OrderSummary(
        received_at=_as_utc(doc.received_at),
        sha256=doc.sha256,
        source=doc.source,
        status=doc.status,
        error_code=doc.error_code,
        buyer_name=order.buyer_name if order else None,
        order_number=order.order_number if order else None,
        revision=order.revision if order else None,
    )


_OPEN_STORES: dict[str, OrderStore] = {}
_OPEN_LOCK = threading.Lock()


def open_store(url: str) -> OrderStore:
    """The process-wide store for a URL (one engine and connection pool per database)."""
    with _OPEN_LOCK:
        store = _OPEN_STORES.get(url)
        if store is None:
            store = _OPEN_STORES[url] = OrderStore(url)
        return store
