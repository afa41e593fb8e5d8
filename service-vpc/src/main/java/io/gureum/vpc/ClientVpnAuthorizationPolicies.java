package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.ClientVpnEndpoint;
import io.gureum.vpc.model.ClientVpnEndpoint.AuthorizationPolicy;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointAuthorizationPolicyResponse;
import software.amazon.awssdk.services.ec2.model.GetClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.GetClientVpnEndpointAuthorizationPolicyResponse;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointAuthorizationPolicyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointAuthorizationPolicyResponse;

/**
 * A Client VPN endpoint's authorization policy (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/device-posture-policies.html):
 * one Cedar document per endpoint, created or updated by ModifyClientVpnEndpointAuthorizationPolicy (values not given
 * stay), {@code creating} or {@code updating} for {@link ClientVpnEndpoints#TRANSITION} on the clock, then
 * {@code active}; deleted through {@code deleting}. No client connects, so the policy is never evaluated; the
 * document is checked only for the shape of Cedar statements ({@code permit} or {@code forbid}, a scope in
 * parentheses, balanced brackets, each statement ending in {@code ;}), not parsed or validated against a schema.
 */
public final class ClientVpnAuthorizationPolicies {
    private static final Set<String> SHADOW = Set.of("enabled", "disabled");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*");
    private static final Pattern STATEMENT = Pattern.compile(
            "(?s)\\s*(@\\w+\\s*\\([^)]*\\)\\s*)*(permit|forbid)\\s*\\(.*");

    private final Network net;

    ClientVpnAuthorizationPolicies(Network net) {
        this.net = net;
    }

    private String status(AuthorizationPolicy p) {
        Instant now = net.now();
        if (p.deleteRequested != null) {
            return "deleting";
        }
        if (now.isBefore(p.changed.plus(ClientVpnEndpoints.TRANSITION))) {
            return p.updated ? "updating" : "creating";
        }
        return "active";
    }

    /** Whether the text has the shape of Cedar policy statements. */
    static boolean cedarShaped(String document) {
        String text = COMMENT.matcher(document).replaceAll("").strip();
        if (text.isEmpty() || !text.endsWith(";")) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        StringBuilder statement = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            statement.append(c);
            if (quoted) {
                if (c == '\\') {
                    i++;
                    continue;
                }
                quoted = c != '"';
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(', '{', '[' -> depth++;
                case ')', '}', ']' -> {
                    if (--depth < 0) {
                        return false;
                    }
                }
                case ';' -> {
                    if (depth == 0) {
                        if (!STATEMENT.matcher(statement.substring(0, statement.length() - 1)).matches()) {
                            return false;
                        }
                        statement.setLength(0);
                    }
                }
                default -> {
                }
            }
        }
        return depth == 0 && !quoted && statement.toString().isBlank();
    }

    public ModifyClientVpnEndpointAuthorizationPolicyResponse modifyClientVpnEndpointAuthorizationPolicy(
            ModifyClientVpnEndpointAuthorizationPolicyRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        AuthorizationPolicy p = e.policy != null && e.policy.deleteRequested == null ? e.policy : null;
        if (p != null && r.clientToken() != null && r.clientToken().equals(p.clientToken)) {
            return ModifyClientVpnEndpointAuthorizationPolicyResponse.builder().status(status(p)).build();
        }
        if (p == null && r.policyDocument() == null) {
            throw Ec2Errors.missing("PolicyDocument");
        }
        if (e.policy != null && e.policy.deleteRequested != null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The authorization policy of " + e.id + " is being deleted.");
        }
        if (r.policyDocument() != null && !cedarShaped(r.policyDocument())) {
            throw Ec2Errors.invalidValue("PolicyDocument", "PolicyDocument", "The document is not a set of Cedar "
                    + "policy statements.");
        }
        String shadow = r.shadowModeAsString();
        if (shadow != null && !SHADOW.contains(shadow)) {
            throw Ec2Errors.invalidValue(shadow, "ShadowMode", "Valid values are enabled and disabled.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (p == null) {
            p = new AuthorizationPolicy();
            e.policy = p;
        } else {
            p.updated = true;
        }
        if (r.policyDocument() != null) {
            p.document = r.policyDocument();
        }
        if (r.description() != null) {
            p.description = r.description();
        }
        if (shadow != null) {
            p.shadowMode = shadow;
        }
        p.clientToken = r.clientToken();
        p.changed = net.now();
        return ModifyClientVpnEndpointAuthorizationPolicyResponse.builder().status(status(p)).build();
    }

    /** GetClientVpnEndpointAuthorizationPolicy: an endpoint without a policy answers only its ID. */
    public GetClientVpnEndpointAuthorizationPolicyResponse getClientVpnEndpointAuthorizationPolicy(
            GetClientVpnEndpointAuthorizationPolicyRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        var b = GetClientVpnEndpointAuthorizationPolicyResponse.builder().clientVpnEndpointId(e.id);
        AuthorizationPolicy p = e.policy;
        if (p != null) {
            b.policyDocument(p.document).description(p.description).shadowMode(p.shadowMode).status(status(p));
        }
        return b.build();
    }

    public DeleteClientVpnEndpointAuthorizationPolicyResponse deleteClientVpnEndpointAuthorizationPolicy(
            DeleteClientVpnEndpointAuthorizationPolicyRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = net.clientVpnEndpoints.require(s, r.clientVpnEndpointId());
        if (e.policy == null || e.policy.deleteRequested != null) {
            throw Ec2Errors.invalidParameterValue("The Client VPN endpoint " + e.id + " has no authorization policy.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.policy.deleteRequested = net.now();
        return DeleteClientVpnEndpointAuthorizationPolicyResponse.builder().status(status(e.policy)).build();
    }
}
