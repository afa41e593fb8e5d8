package io.gureum.core.protocol;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * The query-protocol wire names of a member: its element or parameter name, whether its list or map is
 * flattened, and the names of list members and map keys and values. The SDK metadata gives them for
 * services modelled on the query protocol; for query-compatible JSON services (SQS) they come from the
 * Smithy model ({@link SmithyQueryNaming}).
 */
public interface QueryNaming {

    /** Wire names of one member. */
    record Names(String name, boolean flattened, String listMember, String mapKey, String mapValue) {
    }

    /**
     * The names of {@code field}, a member of {@code owner} (an SDK model class).
     *
     * @param response whether the member is written in a response (response and request names differ in
     *     EC2's model)
     */
    Names names(Class<?> owner, SdkField<?> field, boolean response);

    /** Names straight from the SDK's field metadata. */
    QueryNaming SDK = (owner, field, response) -> sdkNames(field, response);

    static Names sdkNames(SdkField<?> field, boolean response) {
        return response ? ResponseNames.of(field) : computeNames(field, false);
    }

    /** The names read from the field's traits afresh; {@link #sdkNames} keeps the response names of each field. */
    static Names computeNames(SdkField<?> field, boolean response) {
        String name = response ? XmlValues.name(field) : field.locationName();
        ListTrait list = field.getTrait(ListTrait.class);
        MapTrait map = field.getTrait(MapTrait.class);
        boolean flattened = list != null ? list.isFlattened() : map != null && map.isFlattened();
        String member = list == null ? null : list.memberLocationName();
        return new Names(name, flattened, member, map == null ? null : map.keyLocationName(),
                map == null ? null : map.valueLocationName());
    }

    /** The SDK model class a builder builds (builders are nested in their model class). */
    static Class<?> modelClassOf(Object pojoOrBuilder) {
        Class<?> c = pojoOrBuilder.getClass();
        Class<?> enclosing = c.getEnclosingClass();
        return enclosing != null ? enclosing : c;
    }
}
