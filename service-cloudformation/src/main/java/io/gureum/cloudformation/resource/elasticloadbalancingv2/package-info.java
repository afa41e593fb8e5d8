/**
 * The {@code AWS::ElasticLoadBalancingV2::*} handlers: load balancers, target groups, listeners, listener rules
 * and listener certificates, through an in-process {@code ElasticLoadBalancingV2Client}.
 */
package io.gureum.cloudformation.resource.elasticloadbalancingv2;
