package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** GetParametersByPath: one level or recursive, filters, and pages of at most 10. */
class ParametersByPathIT extends SsmTestSupport {

    @Test
    void oneLevelOrRecursive() {
        String root = unique("/tree");
        put(root + "/a", "1");
        put(root + "/b", "2");
        put(root + "/sub/c", "3");
        put(root + "-sibling/d", "4");
        assertEquals(List.of(root + "/a", root + "/b"), names(ssm.getParametersByPath(b -> b.path(root))));
        assertEquals(List.of(root + "/a", root + "/b", root + "/sub/c"),
                names(ssm.getParametersByPath(b -> b.path(root + "/").recursive(true))));
        assertEquals(List.of(root + "/sub/c"), names(ssm.getParametersByPath(b -> b.path(root + "/sub"))));
    }

    @Test
    void filtersByTypeAndLabel() {
        String root = unique("/filtered");
        put(root + "/plain", "p");
        ssm.putParameter(b -> b.name(root + "/list").value("a,b").type(ParameterType.STRING_LIST));
        ssm.putParameter(b -> b.name(root + "/plain").value("p2").overwrite(true));
        ssm.labelParameterVersion(b -> b.name(root + "/plain").parameterVersion(1L).labels("old"));
        assertEquals(List.of(root + "/list"), names(ssm.getParametersByPath(b -> b.path(root)
                .parameterFilters(f -> f.key("Type").values("StringList")))));
        GetParametersByPathResponse labelled = ssm.getParametersByPath(b -> b.path(root)
                .parameterFilters(f -> f.key("Label").option("Equals").values("old")));
        assertEquals(List.of(root + "/plain"), names(labelled));
        assertEquals("p", labelled.parameters().get(0).value(), "the labelled version");

        assertError(InvalidFilterKeyException.class, "InvalidFilterKey", 400,
                "The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId, Label].",
                () -> ssm.getParametersByPath(b -> b.path(root).parameterFilters(f -> f.key("Name").values("x"))));
        assertError(InvalidFilterOptionException.class, "InvalidFilterOption", 400, null,
                () -> ssm.getParametersByPath(b -> b.path(root)
                        .parameterFilters(f -> f.key("Label").option("BeginsWith").values("o"))));
    }

    @Test
    void pagesOfAtMostMaxResults() {
        String root = unique("/paged");
        for (int i = 0; i < 23; i++) {
            put(root + "/p" + (char) ('a' + i), "v");
        }
        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetParametersByPathResponse page = ssm.getParametersByPath(b -> b.path(root).nextToken(t));
            all.addAll(names(page));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(23, all.size());
        assertEquals(all.stream().sorted().toList(), all);
        GetParametersByPathResponse small = ssm.getParametersByPath(b -> b.path(root).maxResults(5));
        assertEquals(5, small.parameters().size());
        assertNotNull(small.nextToken());
        assertEquals(23, ssm.getParametersByPathPaginator(b -> b.path(root).maxResults(4)).stream().flatMap(each -> each.parameters().stream()).count());
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.getParametersByPath(b -> b.path(root).maxResults(11)));
        assertError(InvalidNextTokenException.class, "InvalidNextToken", 400, null,
                () -> ssm.getParametersByPath(b -> b.path(root).nextToken("garbage!")));
    }

    @Test
    void aPathMustStartWithASlash() {
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.getParametersByPath(b -> b.path("relative/path")));
        GetParametersByPathResponse none = ssm.getParametersByPath(b -> b.path(unique("/empty")));
        assertEquals(0, none.parameters().size());
        assertNull(none.nextToken());
    }

    static List<String> names(GetParametersByPathResponse r) {
        return r.parameters().stream().map(Parameter::name).toList();
    }
}
