"""Networks and contexts: who and what links children, with the evidence. No Django.

Build the entity graph from the analysis tables, then ask it questions:

    graph = build_entity_graph(tables)              # graph.py
    communities = find_communities(graph, seed=1)   # communities.py
    alerts = network_alerts(graph, children_with_indicators, min_children=3)  # alerts.py
    networks = alert_networks(graph, alerts, children_with_indicators)        # alert_networks.py
    contexts = context_candidates(graph, children_with_indicators)            # contexts.py
    aids = analyst_aids(graph, nodes)               # measures.py: aids, never scores
    export_graphml(graph, path); export_i2_csv(graph, folder)                 # export.py

See docs/network.md.
"""

from joinedup.network.alert_networks import AlertNetwork, NetworkMember, alert_networks
from joinedup.network.alerts import (
    Alert,
    ChildLink,
    NewNetworkLink,
    network_alerts,
    networks_from_alerts,
    new_links_to_known_networks,
)
from joinedup.network.associations import (
    Association,
    Associations,
    association_matrix,
    derive_associations,
)
from joinedup.network.communities import Communities, find_communities
from joinedup.network.contexts import ContextCandidate, ContextMember, context_candidates
from joinedup.network.export import export_graphml, export_i2_csv
from joinedup.network.graph import EntityGraph, Provenance, build_entity_graph
from joinedup.network.measures import ANALYST_AID_NOTE, AnalystAids, ChartPosition, analyst_aids

__all__ = [
    "ANALYST_AID_NOTE",
    "Alert",
    "AlertNetwork",
    "AnalystAids",
    "Association",
    "Associations",
    "ChartPosition",
    "ChildLink",
    "Communities",
    "ContextCandidate",
    "ContextMember",
    "EntityGraph",
    "NetworkMember",
    "NewNetworkLink",
    "Provenance",
    "alert_networks",
    "analyst_aids",
    "association_matrix",
    "build_entity_graph",
    "context_candidates",
    "derive_associations",
    "export_graphml",
    "export_i2_csv",
    "find_communities",
    "network_alerts",
    "networks_from_alerts",
    "new_links_to_known_networks",
]
