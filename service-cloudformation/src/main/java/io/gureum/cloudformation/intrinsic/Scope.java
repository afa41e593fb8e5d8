package io.gureum.cloudformation.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What intrinsic functions read: the stack's parameters, conditions, resources, exports and region. */
public interface Scope {

    /** A parameter's value (an array for list types), or null when {@code name} is no parameter. */
    JsonNode parameter(String name);

    /** A pseudo parameter's value ({@code AWS::Region}), or null when unknown; never {@code AWS::NoValue}. */
    JsonNode pseudo(String name);

    /** Whether {@code logicalId} is a resource of the template (whose condition holds). */
    boolean isResource(String logicalId);

    /** The resource's physical id ({@code Ref}); a failure when it has none yet. */
    String physicalId(String logicalId);

    /** A resource's {@code Fn::GetAtt} attribute; a failure when it has no such attribute. */
    JsonNode attribute(String logicalId, String attribute);

    /** A named condition's value. */
    boolean condition(String name);

    /** The template's {@code Mappings} section. */
    JsonNode mappings();

    /** An export's value in the stack's account and region; a failure when none has that name. */
    String importValue(String exportName);

    /** The region's Availability Zone names, in order. */
    List<String> availabilityZones(String region);

    /** The stack's region (for {@code Fn::GetAZs ""}). */
    String region();
}
