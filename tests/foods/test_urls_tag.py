"""{% pk_url %} writes the same URLs as {% url %}, reversing once per template."""

from unittest import mock

import pytest
from django.template import Context, Template
from django.urls import reverse

from foods.templatetags import urls


@pytest.mark.parametrize("viewname", ["foods:detail", "tracker:entry_new", "tracker:entry_edit"])
def test_pk_url_matches_url_tag(viewname):
    pks = [1, 9, 42, 987, 123456]
    template = Template(
        "{% load urls %}{% for pk in pks %}{% pk_url viewname pk %}|{% url viewname pk %};{% endfor %}"
    )
    rendered = template.render(Context({"pks": pks, "viewname": viewname}))
    pairs = [row.split("|") for row in rendered.split(";") if row]
    assert [new for new, _ in pairs] == [reverse(viewname, args=[pk]) for pk in pks]
    assert all(new == old for new, old in pairs)


def test_pk_url_reverses_once_per_template():
    template = Template("{% load urls %}{% for pk in pks %}{% pk_url 'foods:detail' pk %} {% endfor %}")
    with mock.patch.object(urls, "reverse", wraps=reverse) as counted:
        rendered = template.render(Context({"pks": [3, 4, 5]}))
    assert counted.call_count == 1
    assert rendered.split() == [reverse("foods:detail", args=[pk]) for pk in (3, 4, 5)]
