"""A small HTTP/1.1 load generator on asyncio streams, for loopback only.

A hand-written client costs far less CPU per request than a general-purpose one (httpx spends about as much
time per request as the trivial view itself), and the load generator shares the machine's cores with the
server, so a light client keeps the measured ceiling about the server rather than the client.

Each of `clients` concurrent clients keeps one connection and sends the next request as soon as the
previous response has been read completely; when the server closes the connection (gunicorn's sync
workers do after every response) the client connects again, and the connect time counts in the latency.
The run stops after `requests` requests or `max_seconds`, whichever comes first.
"""

import asyncio
import itertools
import math
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

REQUEST_TIMEOUT_SECONDS = 30.0


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` 0.95 for p95) of the values; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class LoadResult:
    path: str
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    stopped_by_time: bool = False

    @property
    def requests(self) -> int:
        return len(self.latencies_ms)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else math.nan

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 0.95)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def figures(self) -> dict[str, Any]:
        """The run as the JSON the workspace benchmarks write: counts, p50/p95/p99 and throughput."""
        return {
            "path": self.path,
            "requests": self.requests,
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "stopped_by_time": self.stopped_by_time,
            "errors": self.errors,
            "statuses": dict(self.statuses),
            "p50_ms": round(percentile(self.latencies_ms, 0.50), 1),
            "p95_ms": round(percentile(self.latencies_ms, 0.95), 1),
            "p99_ms": round(percentile(self.latencies_ms, 0.99), 1),
            "requests_per_second": round(self.requests_per_second, 1),
        }


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    def close(self) -> None:
        self.writer.close()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one whole response; return its status and whether the connection may be reused."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status_line, *header_lines = head.split("\r\n")
    version, status, *_reason = status_line.split(" ", 2)
    headers: dict[str, str] = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers end with an empty line
                    pass
                break
            await reader.readexactly(size + 2)
    else:
        await reader.read()  # the body ends when the server closes the connection
        keep_alive = False
    return int(status), keep_alive


async def _exchange(
    host: str, port: int, connection: _Connection | None, request: bytes
) -> tuple[int, bool, _Connection]:
    """Send one request, on the given connection if it is still usable, else on a new one."""
    if connection is not None:
        try:
            connection.writer.write(request)
            await connection.writer.drain()
            status, keep_alive = await _read_response(connection.reader)
            return status, keep_alive, connection
        except (asyncio.IncompleteReadError, ConnectionError):
            # The server closed an idle keep-alive connection before reading the request: retry once
            # on a fresh connection, as every HTTP client does.
            connection.close()
    reader, writer = await asyncio.open_connection(host, port)
    fresh = _Connection(reader, writer)
    try:
        writer.write(request)
        await writer.drain()
        status, keep_alive = await _read_response(reader)
    except BaseException:
        fresh.close()
        raise
    return status, keep_alive, fresh


async def _run(
    host: str, port: int, path: str, cookie: str, clients: int, requests: int, max_seconds: float
) -> LoadResult:
    headers = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: text/html", "Connection: keep-alive"]
    if cookie:
        headers.append(f"Cookie: {cookie}")
    request = ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1")
    result = LoadResult(path=path, clients=clients)
    tickets = itertools.count()
    started = time.perf_counter()
    deadline = started + max_seconds

    async def client() -> None:
        connection: _Connection | None = None
        while next(tickets) < requests:
            if time.perf_counter() >= deadline:
                result.stopped_by_time = True
                break
            sent = time.perf_counter()
            try:
                status, keep_alive, used = await asyncio.wait_for(
                    _exchange(host, port, connection, request), REQUEST_TIMEOUT_SECONDS
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
                result.latencies_ms.append((time.perf_counter() - sent) * 1000)
                result.statuses[type(error).__name__] += 1
                result.errors += 1
                if connection is not None:
                    connection.close()
                connection = None
                continue
            result.latencies_ms.append((time.perf_counter() - sent) * 1000)
            result.statuses[str(status)] += 1
            if status != 200:
                result.errors += 1
            if keep_alive:
                connection = used
            else:
                used.close()
                connection = None
        if connection is not None:
            connection.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    result.seconds = time.perf_counter() - started
    return result


def run_load(
    *, host: str, port: int, path: str, cookie: str = "", clients: int, requests: int, max_seconds: float
) -> LoadResult:
    """Send `requests` GETs for `path` from `clients` concurrent clients, within `max_seconds`."""
    return asyncio.run(_run(host, port, path, cookie, clients, requests, max_seconds))
