/**
 * EBS: volumes (bound to an availability zone, attached to instances of the same zone), snapshots and
 * the account's default encryption settings.
 */
package io.gureum.ec2.ebs;
