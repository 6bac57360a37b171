"""The tablet's pairing page, and what the status bar says about pairing and foreign adverts."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from kiosk import lock
from kiosk.pairing import PairingFailed, load, pair

pages = Blueprint("kiosk_pairing", __name__, template_folder="templates")


def _kiosk():
    return current_app.extensions["kiosk"]


def security_status() -> dict:
    """What the status bar and ``/api/pairing`` say about pairing and foreign adverts."""
    creds = load(_kiosk().data_dir)
    finder = current_app.extensions.get("hub_finder")
    ignored = dict(finder.ignored) if finder is not None else {}
    return {
        "paired": creds is not None,
        "hub_id": creds.hub_id if creds else None,
        "hub_fingerprint": creds.hub_fingerprint if creds else None,
        "ignored_adverts": ignored,
    }


@pages.get("/api/pairing")
def pairing_status():
    return jsonify(lock.visible(security_status()))


@pages.route("/pair", methods=["GET", "POST"])
def pair_page():
    k = _kiosk()
    finder = current_app.extensions.get("hub_finder")
    values = {
        "hub": request.values.get("hub") or (finder.url if finder else "") or "",
        "code": request.values.get("code", ""),
        "fp": request.values.get("fp", ""),
        "name": request.values.get("name", ""),
    }
    error = None
    pin = request.form.get("pin", "")
    if request.method == "POST" and pin and not lock.valid_pin(pin):
        error = "pin_invalid"
    elif request.method == "POST":
        try:
            creds = pair(
                k.data_dir,
                str(k.device_id),
                values["hub"],
                values["code"],
                values["fp"],
                values["name"],
            )
        except PairingFailed as failed:
            error = failed.code
        else:
            if pin:
                lock.set_pin(k.data_dir, pin)
                lock.mark_active()  # the broker who just chose the PIN is at the tablet
            if finder is not None:
                finder.expect(creds.hub_id)
            k.saved.set()  # wake the sync worker
            return redirect(url_for("kiosk_pairing.pair_page", done=1))
    return render_template(
        "pairing/pair.html",
        values=values,
        error=error,
        creds=load(k.data_dir),
        done=request.args.get("done"),
        status=k.status_dict(),
    ), (422 if error else 200)


def install(app: Flask) -> None:
    app.register_blueprint(pages)

    @app.context_processor
    def _security():
        return {"security": security_status()}
