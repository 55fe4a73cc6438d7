"""我要求证: the reader's tip form, in two steps, and the informants' pages.

1. ``ask``: the reader pastes the message.
2. ``check``: the closest rebuttals ("这些是不是你要找的？"). Choosing one (``found``) opens it
   and records the tip as answered by search; otherwise the reader adds the details and
   ``send`` stores the tip.

Informants sign in on /tips/informant/login/ (not the Wagtail admin), report with their
township and follow what happened to their own tips.
"""

import hashlib
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.pagination import paginate
from core.protection import caught_by_honeypot
from core.ratelimit import by_account, hit, too_many_requests
from core.visibility import outside_restricted_sections

from . import share_image as share_cards
from . import subscriptions, triage
from .forms import QUERY_MAX_LENGTH, InformantTipForm, MessageForm, SubscribeForm, TipForm
from .matching import Match, find_matches
from .models import RebuttalPage, Tip
from .models.tips import TEXT_MAX_LENGTH
from .permissions import INFORMANT_PERMISSION

PREVIEW_SALT = "debunk.tips.preview"
PREVIEW_MAX_AGE = 2 * 3600
MATCHES_SHOWN = 3
INFORMANT_TIPS_PER_PAGE = 20
RETYPED_FIELDS = ("text", "seen_on", "link", "township", "email", "started")

ASK_TEMPLATE = "debunk/tips/ask.html"


# -- readers ------------------------------------------------------------------------------------


@never_cache
def ask(request):
    """Step 1: the message; ``?q=`` carries a search that found nothing into the form."""
    carried = request.GET.get("q", "").strip()[:TEXT_MAX_LENGTH]
    form = MessageForm(initial={"text": carried} if carried else None)
    return render(request, ASK_TEMPLATE, {"message_form": form})


@never_cache
def check(request):
    """Step 2: the rebuttals that may already answer the message, and the details form."""
    if request.method != "POST":
        return redirect("debunk:ask")
    message_form = MessageForm(request.POST)
    if not message_form.is_valid():
        return render(request, ASK_TEMPLATE, {"message_form": message_form}, status=400)
    text = message_form.cleaned_data["text"]
    matches = find_matches(text, limit=MATCHES_SHOWN)
    details_form = TipForm(initial={"text": text, "started": message_form.cleaned_data["started"]})
    return render(
        request,
        ASK_TEMPLATE,
        {
            "checked": True,
            "text": text,
            "matches": [match for match in matches if match.is_answer],
            "weak_matches": [match for match in matches if not match.is_answer],
            "found_token": preview_token(text, matches),
            "form": details_form,
        },
    )


@require_POST
def send(request):
    """Store the tip (everything valid, not too fast, not too often)."""
    refusal = hit(request, "tip", settings.TIPS_PER_IP, settings.TIPS_WINDOW_SECONDS)
    if refusal is not None:
        typed = {name: request.POST.get(name, "") for name in RETYPED_FIELDS}
        context = {"checked": True, "form": TipForm(initial=typed)}
        return too_many_requests(request, ASK_TEMPLATE, context, refusal)
    if caught_by_honeypot(request):
        return redirect("debunk:thanks")
    form = TipForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, ASK_TEMPLATE, {"checked": True, "form": form}, status=400)
    tip = form.save(commit=False)
    triage.receive(tip)
    request.session["tip_reply_expected"] = bool(tip.email)
    return redirect("debunk:thanks")


@require_POST
def found(request):
    """The reader chose one of the rebuttals shown: record that and open it."""
    try:
        payload = signing.loads(
            request.POST.get("token", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
        )
        chosen_id = int(request.POST.get("rebuttal", ""))
    except (signing.BadSignature, ValueError):
        return render(
            request,
            ASK_TEMPLATE,
            {"message_form": MessageForm(), "notice": "页面已过期，请重新粘贴消息查一查。"},
            status=400,
        )
    matches = matches_from(payload)
    chosen = next((match for match in matches if match.rebuttal.pk == chosen_id), None)
    if chosen is None:
        return redirect("debunk:ask")
    if (
        first_use(request.POST["token"])
        and hit(request, "tip-found", settings.TIPS_PER_IP, settings.TIPS_WINDOW_SECONDS) is None
    ):
        triage.record_found_by_search(payload["text"], "", matches, chosen_id)
    # A replayed choice, or one over the limit, still opens the rebuttal; it is not recorded.
    return redirect(chosen.rebuttal.url)


@never_cache
def thanks(request):
    reply_expected = request.session.pop("tip_reply_expected", False)
    return render(request, "debunk/tips/thanks.html", {"reply_expected": reply_expected})


def preview_token(text: str, matches: list[Match]) -> str:
    """What the preview showed, signed: ``found`` trusts it without searching again."""
    payload = {"text": text, "matches": [[m.rebuttal.pk, m.similarity] for m in matches]}
    return signing.dumps(payload, salt=PREVIEW_SALT, compress=True)


def first_use(token: str) -> bool:
    """A preview records one outcome: sending the same choice again counts nothing more."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return cache.add(f"tip-found:{digest}", 1, timeout=PREVIEW_MAX_AGE)


def matches_from(payload: dict) -> list[Match]:
    scores = {int(pk): float(score) for pk, score in payload.get("matches", [])}
    rebuttals = RebuttalPage.objects.live().filter(pk__in=scores).only("id", "url_path", "title")
    matches = [Match(page, scores[page.pk], page.url) for page in rebuttals]
    matches.sort(key=lambda match: -match.similarity)
    return matches


# -- informants -----------------------------------------------------------------------------------


def informant_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("debunk:informant_login"))
        if not request.user.has_perm(INFORMANT_PERMISSION):
            return render(request, "debunk/tips/informant/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


class InformantLoginView(auth_views.LoginView):
    template_name = "debunk/tips/informant/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("debunk:informant_home")

    def post(self, request, *args, **kwargs):
        # Password guessing: the same per-address limit as the forms, counted separately.
        refusal = hit(
            request, "informant-login", settings.TIPS_PER_IP, settings.TIPS_WINDOW_SECONDS
        )
        if refusal is not None:
            form = self.get_form_class()(
                request, initial={"username": request.POST.get("username")}
            )
            return too_many_requests(
                request,
                self.get_template_names(),
                self.get_context_data(form=form),
                refusal,
                notice=f"登录尝试太频繁，请约 {refusal.retry_after_minutes} 分钟后再试。",
            )
        return super().post(request, *args, **kwargs)


class InformantLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("debunk:informant_login")


def informant_township(user) -> str:
    profile = getattr(user, "informant_profile", None)
    return profile.township if profile is not None else ""


@never_cache
@informant_required
def informant_home(request):
    """The informant's own tips, newest first, with their status."""
    tips = (
        Tip.objects.filter(submitter=request.user)
        .select_related("rebuttal")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "debunk/tips/informant/home.html",
        {
            "tips": paginate(request, tips, INFORMANT_TIPS_PER_PAGE),
            "township": informant_township(request.user),
        },
    )


@never_cache
@informant_required
def informant_new(request):
    township = informant_township(request.user)
    if request.method == "POST":
        refusal = hit(
            request,
            "tip-informant",
            settings.TIPS_PER_IP,
            settings.TIPS_WINDOW_SECONDS,
            key=by_account,
        )
        form = InformantTipForm(request.POST, request.FILES, township=township)
        if refusal is not None:
            context = {"form": form, "township": township}
            return too_many_requests(request, "debunk/tips/informant/new.html", context, refusal)
        if form.is_valid():
            tip = form.save(commit=False)
            tip.submitter = request.user
            tip.from_informant = True
            triage.receive(tip)
            messages.success(request, "线索已报送，编辑会优先处理。")
            return redirect("debunk:informant_tip", tip.pk)
    else:
        form = InformantTipForm(township=township)
    return render(request, "debunk/tips/informant/new.html", {"form": form, "township": township})


@never_cache
@informant_required
def informant_tip(request, pk: int):
    """One of the informant's own tips; anyone else's is a 404, as if it did not exist."""
    tip = get_object_or_404(Tip.objects.select_related("rebuttal"), pk=pk, submitter=request.user)
    matches = list(tip.matches.select_related("rebuttal").filter(rebuttal__live=True))
    return render(request, "debunk/tips/informant/tip.html", {"tip": tip, "matches": matches})


# -- permanent addresses ------------------------------------------------------------------------


def permalink(request, pk: int):
    """/r/<id>/: a rebuttal's permanent address (the ClaimReview ``@id``), redirecting to
    wherever the rebuttal lives now, whatever its slug became; 404 once it is not live."""
    page = get_object_or_404(RebuttalPage.objects.live().public().only("id", "url_path"), pk=pk)
    return redirect(page.get_url(request))


# -- 有结果了告诉我 -----------------------------------------------------------------------------

SUBSCRIBE_TEMPLATE = "debunk/subscriptions/subscribe.html"


def _by_address_hash(email: str):
    key = f"email:{subscriptions.address_hash(email)}"
    return lambda group, request: key


@never_cache
def subscribe(request):
    """GET: the form (``?q=`` from a search that found nothing). POST: queue the confirmation
    mail; rate-limited per client address and per e-mail address."""
    if request.method != "POST":
        form = SubscribeForm(initial={"query": request.GET.get("q", "")[:QUERY_MAX_LENGTH]})
        return render(request, SUBSCRIBE_TEMPLATE, {"form": form})
    refusal = hit(
        request, "subscribe", settings.SUBSCRIPTIONS_PER_IP, settings.SUBSCRIPTIONS_WINDOW_SECONDS
    )
    form = SubscribeForm(request.POST)
    if refusal is None and form.is_valid():
        refusal = hit(
            request,
            "subscribe-address",
            settings.SUBSCRIPTIONS_PER_ADDRESS,
            settings.SUBSCRIPTIONS_WINDOW_SECONDS,
            key=_by_address_hash(form.cleaned_data["email"]),
        )
    if refusal is not None:
        return too_many_requests(request, SUBSCRIBE_TEMPLATE, {"form": form}, refusal)
    if caught_by_honeypot(request):
        return render(request, SUBSCRIBE_TEMPLATE, {"sent": True})
    if not form.is_valid():
        return render(request, SUBSCRIBE_TEMPLATE, {"form": form}, status=400)
    data = form.cleaned_data
    subscriptions.subscribe(data["email"], query=data["query"], category=data["category"])
    # The same answer whether or not this address subscribed before: no one learns who did.
    return render(request, SUBSCRIBE_TEMPLATE, {"sent": True})


@never_cache
def subscription_confirm(request, token: str):
    """GET: a button (mail scanners open links; only a person confirms). POST: confirm."""
    if request.method != "POST":
        return render(request, "debunk/subscriptions/confirm.html", {"ask": True})
    result, subscription = subscriptions.confirm(token)
    status = 200 if result in ("confirmed", "already") else 400
    return render(
        request,
        "debunk/subscriptions/confirm.html",
        {"result": result, "subscription": subscription},
        status=status,
    )


@never_cache
@csrf_exempt  # the token in the address is the permission; mail clients POST one-click
def unsubscribe(request, token: str):
    """GET: a button. POST (ours, or a mail client's List-Unsubscribe-Post): delete it."""
    if request.method != "POST":
        return render(request, "debunk/subscriptions/unsubscribe.html", {"ask": True})
    subscriptions.unsubscribe(token)
    return render(request, "debunk/subscriptions/unsubscribe.html", {"done": True})


def share_image(request, page_id: int, key: str):
    """The share card of a live, public rebuttal (og:image), drawn on first request and kept
    (debunk.share_image). The URL names what the card shows, so it may be cached for good; an
    outdated URL leads to the current card."""
    page = (
        RebuttalPage.objects.live()
        .filter(outside_restricted_sections("path"))
        .filter(pk=page_id)
        .only("pk", "title", "verdict", "claim_summary", "short_answer")
        .first()
    )
    if page is None:
        raise Http404("没有这篇辟谣")
    # By name: the column may not import cms models (imports run cms -> debunk).
    site_name = apps.get_model("cms", "SiteSettings").for_request(request).organisation_name
    current = share_cards.key_for(page, site_name)
    if key != current:
        return redirect("share_image", page_id=page.pk, key=current)
    response = FileResponse(
        share_cards.ensure(page, site_name).open("rb"), content_type="image/png"
    )
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
