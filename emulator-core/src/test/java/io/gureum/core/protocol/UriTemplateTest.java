package io.gureum.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.http.AwsHttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels, a greedy last label, and a greedy label followed by literal segments (S3 Control's routes). */
class UriTemplateTest {
    static Map<String, String> match(String template, String path) {
        AwsHttpRequest request = new AwsHttpRequest("GET", path, Map.of(), new byte[0]);
        return UriTemplate.parse(template).match(UriTemplate.split(request.rawPath()), request);
    }

    @Test
    void greedyLastLabelTakesTheRestEvenEmpty() {
        assertEquals(Map.of("Bucket", "b", "Key", "a/b c"), match("/{Bucket}/{Key+}", "/b/a/b%20c"));
        assertEquals(Map.of("Bucket", "b", "Key", ""), match("/{Bucket}/{Key+}", "/b/"));
        assertNull(match("/{Bucket}", "/b/c"));
    }

    @Test
    void greedyLabelBeforeLiteralSegments() {
        String routes = "/v20180820/mrap/instances/{mrap+}/routes";
        String arn = "arn:aws:s3::000000000000:accesspoint/abc.mrap";
        assertEquals(Map.of("mrap", arn), match(routes, "/v20180820/mrap/instances/" + arn + "/routes"));
        assertEquals(Map.of("mrap", "abc.mrap"), match(routes, "/v20180820/mrap/instances/abc.mrap/routes"));
        assertNull(match(routes, "/v20180820/mrap/instances/abc.mrap"));
        assertNull(match(routes, "/v20180820/mrap/instances//routes"), "the greedy label takes something");
        assertTrue(UriTemplate.parse(routes).specificity() > UriTemplate.parse("/v20180820/mrap/instances/{name+}")
                .specificity(), "the routes template wins over the greedy one that also matches");
        assertEquals(List.of("v20180820", "mrap", "instances", "{mrap+}", "routes"),
                UriTemplate.parse(routes).segments());
    }
}
