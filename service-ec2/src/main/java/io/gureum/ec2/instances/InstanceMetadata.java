package io.gureum.ec2.instances;

import io.gureum.ec2common.Ec2Errors;

/** An instance's metadata options (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html). */
final class InstanceMetadata {
    private InstanceMetadata() {
    }

    static void apply(Instance i, String httpTokens, Integer hopLimit, String httpEndpoint, String protocolIpv6,
            String tags) {
        check(httpTokens, "HttpTokens", "optional", "required");
        check(httpEndpoint, "HttpEndpoint", "enabled", "disabled");
        check(protocolIpv6, "HttpProtocolIpv6", "enabled", "disabled");
        check(tags, "InstanceMetadataTags", "enabled", "disabled");
        if (hopLimit != null && (hopLimit < 1 || hopLimit > 64)) {
            throw Ec2Errors.invalidValue(String.valueOf(hopLimit), "HttpPutResponseHopLimit",
                    "The value must be between 1 and 64.");
        }
        if (httpTokens != null) {
            i.httpTokens = httpTokens;
        }
        if (hopLimit != null) {
            i.httpPutResponseHopLimit = hopLimit;
        }
        if (httpEndpoint != null) {
            i.httpEndpoint = httpEndpoint;
        }
        if (protocolIpv6 != null) {
            i.httpProtocolIpv6 = protocolIpv6;
        }
        if (tags != null) {
            i.instanceMetadataTags = tags;
        }
    }

    private static void check(String value, String name, String a, String b) {
        if (value != null && !value.equals(a) && !value.equals(b)) {
            throw Ec2Errors.invalidValue(value, name, "Valid values are " + a + " and " + b + ".");
        }
    }
}
