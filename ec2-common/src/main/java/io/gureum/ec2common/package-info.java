/**
 * What the modules serving the EC2 API share ({@code service-vpc}, {@code service-ec2}): the error
 * catalogue {@link io.gureum.ec2common.Ec2Error}, Describe filters, MaxResults/NextToken pagination and
 * TagSpecifications checks, and how an EC2 resource keeps its tags in core's resource registry
 * ({@link io.gureum.ec2common.ResourceTags}, {@link io.gureum.ec2common.Ec2Arns}). A plain library: it
 * registers no service.
 */
package io.gureum.ec2common;
