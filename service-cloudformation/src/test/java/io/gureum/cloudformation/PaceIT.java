package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Resource operations held on the core clock, for tests of code that waits for stacks. */
class PaceIT extends CloudFormationTestSupport {

    private static String pace(String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/cloudformation/pace"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void aPacedStackCompletesWhenTheClockHasAdvanced() throws Exception {
        assertEquals("{\"resourceSeconds\":3600}", pace("{\"resourceSeconds\": 3600}"));
        try {
            String name = unique("paced");
            cfn.createStack(b -> b.stackName(name).templateBody(
                    "{\"Resources\":{\"T\":{\"Type\":\"Gureum::Test::Thing\"}}}"));
            assertEquals("CREATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(name)).stacks().get(0)
                    .stackStatusAsString());
            gureum.context().clock().advance(Duration.ofSeconds(3601));
            assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        } finally {
            pace("{\"resourceSeconds\": 0}");
        }
    }
}
