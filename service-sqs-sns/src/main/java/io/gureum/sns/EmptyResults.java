package io.gureum.sns;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * AWS answers the operations whose output has a result wrapper but no members with an empty
 * {@code <ActionResult/>} element, and botocore's query parser requires it (boto3's
 * {@code tag_resource} fails with {@code KeyError: 'TagResourceResult'} without it). Core's query
 * codec writes the element only for outputs with members, so SNS adds it here until core does.
 */
final class EmptyResults {
    /** SNS's operations with an output shape without members (botocore's sns service-2.json). */
    private static final Set<String> ACTIONS = Set.of("TagResource", "UntagResource", "OptInPhoneNumber",
            "SetSMSAttributes", "CreateSMSSandboxPhoneNumber", "DeleteSMSSandboxPhoneNumber",
            "VerifySMSSandboxPhoneNumber");

    private EmptyResults() {
    }

    static void add(AwsHttpRequest request, AwsHttpResponse response) {
        if (response.status() != 200 || response.body() == null) {
            return;
        }
        List<String> actions = request.formParameters().get("Action");
        if (actions == null) {
            actions = request.queryParameters().get("Action");
        }
        if (actions == null || actions.size() != 1 || !ACTIONS.contains(actions.get(0))) {
            return;
        }
        String element = actions.get(0) + "Result";
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int at = body.indexOf("<ResponseMetadata>");
        if (at < 0 || body.contains("<" + element)) {
            return;
        }
        String fixed = body.substring(0, at) + "<" + element + "/>" + body.substring(at);
        response.body(fixed.getBytes(StandardCharsets.UTF_8));
    }
}
