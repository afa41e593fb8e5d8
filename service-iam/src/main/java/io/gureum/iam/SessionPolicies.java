package io.gureum.iam;

import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * Session policies (inline {@code Policy} and managed {@code PolicyArns}) and the packed size AWS computes
 * over them and the session tags
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session). The plaintext of the
 * policies may not exceed 2,048 characters. AWS does not publish its packing; Gureum's packed size is the
 * DEFLATE-compressed size of the policies and tags against an allotment of 2,048 bytes, so small sessions use a
 * few percent and large tag sets or policies exceed it.
 */
final class SessionPolicies {
    static final int PLAINTEXT_LIMIT = 2048;
    private static final int ALLOTTED = 2048;
    private static final Pattern POLICY_ARN = Pattern.compile("arn:[\\w-]+:iam::(aws|\\d{12}):policy/.+");

    private SessionPolicies() {
    }

    /** Checks the inline session policy's grammar and the managed policy ARNs' form. */
    static void check(String policy, List<PolicyDescriptorType> policyArns) {
        if (policy != null) {
            try {
                PolicyDocument.parse(policy);
            } catch (PolicySyntaxException e) {
                throw StsErrors.malformedPolicy(e.getMessage());
            }
        }
        for (PolicyDescriptorType arn : policyArns) {
            if (arn.arn() == null || !POLICY_ARN.matcher(arn.arn()).matches()) {
                throw StsErrors.malformedPolicy("Policy " + arn.arn() + " does not exist or is not attachable.");
            }
        }
    }

    /**
     * The packed size in percent of the allotment, or null when the request passes neither policies nor tags
     * (AWS then answers no PackedPolicySize). Over 100 % (or plaintext policies over 2,048 characters) fails with
     * {@code PackedPolicyTooLarge}, worded after what the request passed.
     */
    static Integer packedSize(String policy, List<PolicyDescriptorType> policyArns, Map<String, String> tags) {
        if (policy == null && policyArns.isEmpty() && tags.isEmpty()) {
            return null;
        }
        StringBuilder policies = new StringBuilder(policy == null ? "" : policy);
        policyArns.forEach(a -> policies.append(a.arn()));
        StringBuilder all = new StringBuilder(policies);
        tags.forEach((k, v) -> all.append(k).append('\u0000').append(v).append('\u0000'));
        int percent = (int) Math.ceil(deflated(all.toString()) * 100.0 / ALLOTTED);
        boolean policiesTooLong = policies.length() > PLAINTEXT_LIMIT;
        if (percent > 100 || policiesTooLong) {
            int shown = Math.max(percent, policiesTooLong ? 101 : 0);
            throw StsErrors.packedPolicyTooLarge(tags.isEmpty() || policiesTooLong
                    ? "Packed policy consumes " + shown + "% of allotted space, please use smaller policy."
                    : "Packed size of session tags consumes " + shown + "% of allotted space.");
        }
        return percent;
    }

    private static int deflated(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.size();
    }
}
