/**
 * What the key pair, launch template, placement group, capacity reservation and Spot families share:
 * state per account and region, and registration of their resources in core's registry (so
 * {@code CreateTags}/{@code DescribeTags} of {@code service-vpc} and the Tagging API see them).
 */
package io.gureum.ec2.regional;
