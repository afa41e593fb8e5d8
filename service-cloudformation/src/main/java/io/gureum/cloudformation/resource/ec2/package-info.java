/**
 * Resource handlers of the EC2 API (the VPC family, instances, launch templates, volumes, key pairs),
 * through the in-process {@code Ec2Client}. EC2 reports every error as an {@code AwsServiceException}
 * with the error code, so deletes tolerate the codes ending in {@code NotFound}.
 */
package io.gureum.cloudformation.resource.ec2;
