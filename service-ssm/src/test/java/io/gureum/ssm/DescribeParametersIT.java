package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterValueException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParametersFilterKey;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** DescribeParameters: metadata, ParameterFilters with their options, the deprecated Filters, pages. */
class DescribeParametersIT extends SsmTestSupport {

    @Test
    void metadataWithoutValues() {
        String name = unique("/meta");
        ssm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING).description("d").allowedPattern(".*")
                .tier(ParameterTier.ADVANCED));
        ParameterMetadata m = describe(f("Name", "Equals", name)).get(0);
        assertEquals(name, m.name());
        assertEquals("arn:aws:ssm:us-east-1:000000000000:parameter" + name, m.arn());
        assertEquals(ParameterType.STRING, m.type());
        assertEquals("d", m.description());
        assertEquals(".*", m.allowedPattern());
        assertEquals(1L, m.version());
        assertEquals(ParameterTier.ADVANCED, m.tier());
        assertEquals("text", m.dataType());
        assertEquals("arn:aws:iam::000000000000:root", m.lastModifiedUser());
        assertNull(m.keyId());
    }

    @Test
    void filtersAndOptions() {
        String root = unique("/describe");
        put(root + "/app/one", "1");
        ssm.putParameter(b -> b.name(root + "/app/list").value("a,b").type(ParameterType.STRING_LIST));
        put(root + "/app/deeper/two", "2");
        ssm.putParameter(b -> b.name(root + "/tagged").value("t").type(ParameterType.STRING)
                .tags(t -> t.key("team").value("blue")));

        assertEquals(List.of(root + "/app/list", root + "/app/one"), names(describe(f("Path", null, root + "/app"))));
        assertEquals(List.of(root + "/app/deeper/two", root + "/app/list", root + "/app/one"),
                names(describe(f("Path", "Recursive", root + "/app"))));
        assertEquals(List.of(root + "/app/list"),
                names(describe(f("Path", "Recursive", root), f("Type", "Equals", "StringList"))));
        assertEquals(4, describe(f("Name", "BeginsWith", root)).size());
        assertEquals(List.of(root + "/app/deeper/two"), names(describe(f("Name", "Contains", root + "/app/deep"))));
        assertEquals(List.of(root + "/tagged"), names(describe(f("tag:team", "Equals", "blue"))));
        assertEquals(List.of(root + "/tagged"), names(describe(ParameterStringFilter.builder().key("tag:team").build())));
        assertEquals(List.of(root + "/app/deeper/two"),
                names(describe(f("Path", "Recursive", root), f("DataType", "Equals", "text"), f("Tier", "Equals", "Standard"),
                        f("Name", "BeginsWith", root + "/app/deeper"))));
    }

    @Test
    void badFilters() {
        assertError(InvalidFilterOptionException.class, "InvalidFilterOption", 400,
                "The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].",
                () -> describe(f("Path", "Equals", "/x")));
        assertError(InvalidFilterKeyException.class, "InvalidFilterKey", 400, null, () -> describe(f("Label", "Equals", "x")));
        assertError(InvalidFilterValueException.class, "InvalidFilterValue", 400,
                "The following filter values are missing : null for filter key Name.",
                () -> describe(ParameterStringFilter.builder().key("Name").build()));
        assertError(ValidationException.class, "ValidationException", 400,
                "You can use either Filters or ParameterFilters in a single request.",
                () -> ssm.describeParameters(b -> b.filters(x -> x.key(ParametersFilterKey.NAME).values("/x"))
                        .parameterFilters(f("Name", "Equals", "/x"))));
    }

    @Test
    void deprecatedFilters() {
        String root = unique("/legacy");
        put(root + "/a", "a");
        assertEquals(List.of(root + "/a"), names(ssm.describeParameters(
                b -> b.filters(x -> x.key(ParametersFilterKey.NAME).values(root))).parameters()));
    }

    @Test
    void pages() {
        String root = unique("/pages");
        for (int i = 0; i < 12; i++) {
            put(root + "/p" + (char) ('a' + i), "v");
        }
        DescribeParametersResponse first = ssm.describeParameters(b -> b.maxResults(5)
                .parameterFilters(f("Path", null, root)));
        assertEquals(5, first.parameters().size());
        assertEquals(12, ssm.describeParametersPaginator(b -> b.maxResults(5).parameterFilters(f("Path", null, root)))
                .stream().mapToLong(each -> each.parameters().size()).sum());
        assertEquals(10, ssm.describeParameters(b -> b.parameterFilters(f("Path", null, root))).parameters().size(),
                "10 by default");
    }

    static ParameterStringFilter f(String key, String option, String value) {
        return ParameterStringFilter.builder().key(key).option(option).values(value).build();
    }

    static List<ParameterMetadata> describe(ParameterStringFilter... filters) {
        return ssm.describeParameters(b -> b.parameterFilters(filters).maxResults(50)).parameters();
    }

    static List<String> names(List<ParameterMetadata> list) {
        return list.stream().map(ParameterMetadata::name).toList();
    }
}
