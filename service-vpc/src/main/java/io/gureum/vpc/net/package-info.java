/** Pure address math: IPv4 CIDR blocks, their non-overlap index, subnet address allocation, IPv6 blocks. */
package io.gureum.vpc.net;
