"""`contractkg app`: the Streamlit explorer on the store or an endpoint."""

from __future__ import annotations

from typing import Annotated

import typer

from contractkg.cli.common import EndpointOpt, StoreOpt, err, open_or_fail, out

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def run_app(store: StoreOpt = None, endpoint: EndpointOpt = None,
            port: Annotated[int, typer.Option(help="Port for the Streamlit server.")] = 8501,
            host: Annotated[str, typer.Option(help="Address to listen on. The explorer has no login and its "
                                                   "Ingest page writes: anything but 127.0.0.1 opens it to "
                                                   "the network.")] = "127.0.0.1",
            headless: Annotated[bool, typer.Option(help="Do not open a browser.")] = True) -> None:
    """Start the Streamlit explorer on the store, or on a SPARQL endpoint with --endpoint (listens on
    127.0.0.1 only, unless --host)."""
    import os
    import subprocess

    from contractkg.app.launch import streamlit_command
    from contractkg.store import store_path

    env = dict(os.environ, CONTRACTKG_STORE=str(store_path(store).resolve()))
    if endpoint:
        env["CONTRACTKG_ENDPOINT"] = endpoint
    elif not env.get("CONTRACTKG_ENDPOINT") and not (store_path(store) / "CURRENT").is_file():
        open_or_fail(store).close()  # an empty store, so the explorer's read-only opens work
    if host not in LOOPBACK:
        err.print(f"[yellow]warning:[/yellow] the explorer listens on {host}, with no login: anyone who can "
                  "reach this machine can read the store and add documents to it", highlight=False, soft_wrap=True)
    cmd = streamlit_command(port, host, headless)  # the upload limit is the loaders' (launch.py)
    shown = f"[{host}]" if ":" in host else host
    where = env.get("CONTRACTKG_ENDPOINT") or env["CONTRACTKG_STORE"]
    out.print(f"contractkg explorer on http://{shown}:{port} ({where})", highlight=False)
    raise typer.Exit(subprocess.call(cmd, env=env))


def register(app: typer.Typer) -> None:
    app.command("app")(run_app)
