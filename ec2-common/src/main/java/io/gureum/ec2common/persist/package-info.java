/**
 * How the EC2 modules write their in-memory resources as {@code --data-dir} records (ADR 0013): the model
 * objects' fields as JSON ({@link FieldJson}) and the comparison with what was last recorded
 * ({@link RecordedValues}).
 */
package io.gureum.ec2common.persist;
