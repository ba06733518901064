from __future__ import annotations

from django import forms

from .models import Rhythm


class FollowForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    rhythm = forms.ChoiceField(choices=Rhythm.choices, initial=Rhythm.DAILY, widget=forms.RadioSelect,
                               label="How often")


class RhythmForm(forms.Form):
    rhythm = forms.ChoiceField(choices=Rhythm.choices, label="How often")


class LinkRequestForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
