/**
 * Elastic Load Balancing v2 (Application, Network and Gateway Load Balancers; the query API of 2015-12-01,
 * signing name {@code elasticloadbalancing}): load balancers, target groups, listeners, rules and their
 * attributes and tags. Subnets, security groups, Elastic IPs and instances are checked through an in-process
 * {@code Ec2Client}, Lambda permissions through an in-process {@code LambdaClient}. No data plane: nothing
 * listens on a load balancer's DNS name.
 */
package io.gureum.elb;
