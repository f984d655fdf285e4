"""Events: the incidents that different articles report about one event, grouped.

* :mod:`~incidents.events.compatibility` — when two incidents may be one event.
* :mod:`~incidents.events.grouping` — complete-linkage grouping, never two incidents of one
  article in one event.
* :mod:`~incidents.events.combine` — the event record: every source kept, counts combined by
  the lowest reported figure.
* :mod:`~incidents.events.scoring` — pairwise and B-cubed scores against gold groups.
"""

from incidents.events.combine import COUNT_RULE, Event, EventSource, build_events, combine
from incidents.events.compatibility import Rules
from incidents.events.grouping import Mention, group, mentions_of

__all__ = ["COUNT_RULE", "Event", "EventSource", "Mention", "Rules", "build_events", "combine",
           "group", "mentions_of"]  # fmt: skip
