/**
 * The instance type catalogue: real specifications of every EC2 instance type, read from the generated
 * resource {@code instance-types.tsv} (see {@code service-ec2/scripts/generate-instance-types.py}), and
 * where each type is offered.
 */
package io.gureum.ec2.types;
