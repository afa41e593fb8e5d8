package io.gureum.cloudformation.parameter;

import java.util.List;

/**
 * Whether values of an AWS-specific parameter type ({@code AWS::EC2::VPC::Id}) exist in the stack's
 * account and region; the names of those that do not.
 */
@FunctionalInterface
public interface ExistenceCheck {
    List<String> missing(String type, List<String> values);

    /** A check that finds everything. */
    ExistenceCheck NONE = (type, values) -> List.of();
}
