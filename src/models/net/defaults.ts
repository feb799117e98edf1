// Default network timings and capacities, each declared once with its source. Scenario config overrides any of them.
// Owns numbers only; links and delays are computed in network.ts.
import { NS_PER_MS, NS_PER_US } from '../../sim/time.js';

/** Pod-to-pod or host-to-pod on one node (veth + bridge/eBPF redirect); no published figure, an estimate (L). */
export const SAME_NODE_ONE_WAY_NS = 20 * NS_PER_US;

/** Node to node inside one cluster: half of the 0.25 ms best-of-50 intra-region RTT (xkyle.com AZ measurements, via reference network-facts 4.3). */
export const SAME_CLUSTER_ONE_WAY_NS = 125 * NS_PER_US;

/** Node to node across clusters: half of the 70 ms us-east <-> us-west RTT (AWS inter-region table 2017 / Azure latency stats 2019, reference 4.3). */
export const CROSS_CLUSTER_ONE_WAY_NS = 35 * NS_PER_MS;

/** Bastion/router to a node: the workshop's bastion sits on the nodes' subnet (seed 001, 10.0.1.10 peers 10.0.1.x), so one LAN hop like SAME_CLUSTER. */
export const BASTION_ONE_WAY_NS = SAME_CLUSTER_ONE_WAY_NS;

/** Router to router (or a router to a cluster it is not next to): treat as a WAN hop, same as CROSS_CLUSTER (reference 4.3). */
export const ROUTER_ROUTER_ONE_WAY_NS = CROSS_CLUSTER_ONE_WAY_NS;

/** Link bandwidth for serialization delay: a 10 Gbit/s NIC, common for cloud VMs; an estimate (L). */
export const DEFAULT_BANDWIDTH_BPS = 10_000_000_000;

/** Same-node traffic does not touch a NIC: effectively unlimited (memory copy), modelled as 100 Gbit/s (L). */
export const SAME_NODE_BANDWIDTH_BPS = 100_000_000_000;

/** No jitter or loss unless a scenario asks for it: the workshops run on quiet lab networks. */
export const DEFAULT_JITTER_NS = 0;
export const DEFAULT_LOSS = 0;
