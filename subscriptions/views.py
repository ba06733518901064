"""The reader's side: follow, confirm, preferences, unsubscribe.

None of these pages is cached (``never_cache``; they set the CSRF cookie
anyway). The follow buttons on cached pages are plain GET forms that lead
here, so a cached profile page carries no token and this page's form
carries a fresh one. Pages opened by a signed link send no Referer off the
site, so the token does not travel to the sites an article links to.
"""

from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from . import services, tokens
from .forms import FollowForm, LinkRequestForm, RhythmForm
from .models import Follow, Rhythm
from .targets import resolve, target_name
from .tasks import send_manage_link_task


def _no_referrer(view):
    # "same-origin", not "no-referrer": with no-referrer browsers send
    # "Origin: null" on the page's own POSTs, which CSRF checking refuses.
    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped


def _address_key(group: str, request: HttpRequest) -> str:
    return services.normalise_email(request.POST.get("email", ""))[:254]


def _limited(request: HttpRequest, *, group: str) -> tuple[bool, bool]:
    """(client over its limit, address over its limit), both counted."""
    client = is_ratelimited(request, group=f"{group}.client", key="ip",
                            rate=settings.SUBSCRIPTIONS_RATE_PER_CLIENT, increment=True)
    address = is_ratelimited(request, group=f"{group}.address", key=_address_key,
                             rate=settings.SUBSCRIPTIONS_RATE_PER_ADDRESS, increment=True)
    return client, address


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/bad_link.html", {"meta_title": "This link does not work"}, status=404)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, kind: str, slug: str = "") -> HttpResponse:
    target = resolve(kind, slug) if (kind == Follow.Kind.SITE) == (not slug) else None
    if target is None:
        raise Http404("Nothing to follow here")
    name = target_name(kind, target)
    form = FollowForm(request.POST or None, initial={"rhythm": Rhythm.DAILY})
    if request.method == "POST":
        client_limited, address_limited = _limited(request, group="subscriptions.follow")
        if client_limited:
            return render(request, "subscriptions/slow_down.html", {"meta_title": "Please wait"}, status=429)
        if form.is_valid():
            if not address_limited:
                services.follow_request(email=form.cleaned_data["email"], kind=kind, target=target,
                                        rhythm=form.cleaned_data["rhythm"])
            # The same answer whether the address is new, pending, already
            # following or over its limit: nothing tells who follows what.
            return redirect("subscriptions:check_inbox")
    context = {"form": form, "name": name, "kind": kind, "target": target,
               "back_url": target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/",
               "meta_title": f"Follow {name} by email"}
    if kind == "topic":
        context["back_url"] = reverse("articles:topic", kwargs={"slug": target.slug})
    return render(request, "subscriptions/follow.html", context)


@never_cache
def check_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/check_inbox.html", {
        "meta_title": "Check your inbox", "max_age_days": settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400})


@never_cache
@_no_referrer
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner that opens every
    link confirms nothing."""
    found = tokens.read(tokens.CONFIRM, token)
    if found is None:
        return _bad_link(request)
    subscriber, payload = found
    follow_row = Follow.objects.filter(pk=payload.get("f"), subscriber=subscriber).first()
    if follow_row is None:
        return _bad_link(request)
    name = target_name(follow_row.kind, follow_row.target)
    if request.method == "POST":
        services.follow_confirm(subscriber=subscriber, follow_id=follow_row.pk)
        return redirect("subscriptions:manage", token=tokens.make(tokens.MANAGE, subscriber))
    return render(request, "subscriptions/confirm.html", {
        "name": name, "follow": follow_row, "meta_title": f"Confirm: follow {name}"})


@never_cache
@_no_referrer
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    found = tokens.read(tokens.MANAGE, token)
    if found is None:
        return _bad_link(request)
    subscriber, _ = found
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = RhythmForm(request.POST)
        follow_id = request.POST.get("follow", "")
        if action == "delete-everything":
            services.subscriber_erase(subscriber=subscriber)
            return render(request, "subscriptions/goodbye.html", {"meta_title": "Everything deleted"})
        if action == "remove" and follow_id.isdigit():
            services.follow_remove(subscriber=subscriber, follow_id=int(follow_id))
        elif action == "rhythm" and follow_id.isdigit() and form.is_valid():
            services.follow_set_rhythm(subscriber=subscriber, follow_id=int(follow_id),
                                       rhythm=form.cleaned_data["rhythm"])
        elif action == "rhythm-all" and form.is_valid():
            services.follow_set_all_rhythms(subscriber=subscriber, rhythm=form.cleaned_data["rhythm"])
        else:
            return render(request, "subscriptions/bad_request.html", {"meta_title": "Nothing changed"}, status=400)
        return redirect("subscriptions:manage", token=token)
    follows = list(subscriber.follows.select_related("official", "enterprise", "regulator", "tag", "author"))
    rows = [{"follow": f, "name": target_name(f.kind, f.target)} for f in follows]
    return render(request, "subscriptions/manage.html", {
        "subscriber": subscriber, "rows": rows, "token": token, "rhythms": Rhythm.choices,
        "meta_title": "Your email follows"})


@never_cache
@_no_referrer
def export(request: HttpRequest, token: str) -> HttpResponse:
    found = tokens.read(tokens.MANAGE, token)
    if found is None:
        return _bad_link(request)
    data = services.subscriber_export(subscriber=found[0])
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-follows.json"'
    return response


@never_cache
@_no_referrer
@csrf_exempt  # RFC 8058: the mail client POSTs with no page and no cookie; the signed token authorises it
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """POST (the mail client's one-click, or the button) unsubscribes at
    once, no further step; GET only shows the button."""
    found = tokens.read(tokens.UNSUBSCRIBE, token)
    if request.method == "POST":
        if found is not None:
            services.subscriber_erase(subscriber=found[0])
        # Unsubscribing twice, or after deleting everything, is done as well.
        return render(request, "subscriptions/goodbye.html", {"meta_title": "Unsubscribed", "unsubscribed": True})
    if found is None:
        return _bad_link(request)
    return render(request, "subscriptions/unsubscribe.html", {"meta_title": "Unsubscribe"})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    """A fresh preferences link by mail, for an expired one."""
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST":
        client_limited, address_limited = _limited(request, group="subscriptions.link")
        if client_limited:
            return render(request, "subscriptions/slow_down.html", {"meta_title": "Please wait"}, status=429)
        if form.is_valid():
            if not address_limited:
                send_manage_link_task.enqueue(email=services.normalise_email(form.cleaned_data["email"]))
            return redirect("subscriptions:check_inbox")
    return render(request, "subscriptions/request_link.html", {"form": form, "meta_title": "Your email follows"})

