package io.gureum.ec2.instances;

import io.gureum.ec2common.Ec2Errors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** RunInstances' request checks that need no state. */
final class Launch {
    /** User data is limited to 16 KB, before base64 encoding (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). */
    static final int USER_DATA_LIMIT = 16384;
    private static final Set<String> TAGGABLE = Set.of("instance", "volume", "network-interface",
            "spot-instances-request", "elastic-gpu");

    private Launch() {
    }

    static void counts(Integer min, Integer max) {
        if (max == null) {
            throw Ec2Errors.missing("MaxCount");
        }
        if (min == null) {
            throw Ec2Errors.missing("MinCount");
        }
        if (max < 1) {
            throw Ec2Errors.invalidParameterValue("Maximum instance count must be greater than zero");
        }
        if (min < 1) {
            throw Ec2Errors.invalidParameterValue("Minimum instance count must be greater than zero");
        }
        if (min > max) {
            throw Ec2Errors.invalidParameterValue("Minimum instance count must be less than or equal to the maximum "
                    + "instance count");
        }
    }

    /** User data as given (base64), checked: valid base64 of at most 16 KB. */
    static String userData(String given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(given.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw Ec2Errors.invalidParameterValue("Invalid BASE64 encoding of user data.");
        }
        if (raw.length > USER_DATA_LIMIT) {
            throw Ec2Errors.invalidParameterValue("User data is limited to " + USER_DATA_LIMIT + " bytes");
        }
        return given;
    }

    static void tagSpecifications(List<TagSpecification> specs) {
        if (specs == null) {
            return;
        }
        for (TagSpecification spec : specs) {
            String type = spec.resourceTypeAsString();
            if (type == null) {
                throw Ec2Errors.invalidParameterValue("Tag specification resource type must have a value");
            }
            if (!TAGGABLE.contains(type)) {
                throw Ec2Errors.invalidParameterValue("'" + type
                        + "' is not a valid taggable resource type for this operation.");
            }
            io.gureum.ec2common.TagSpecifications.checkTags(spec.tags());
        }
    }

    static List<TagSpecification> of(List<TagSpecification> specs, String type) {
        if (specs == null) {
            return List.of();
        }
        return specs.stream().filter(s -> type.equals(s.resourceTypeAsString())).toList();
    }

    static void metadataOptions(software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest m) {
        if (m == null) {
            return;
        }
        Integer hop = m.httpPutResponseHopLimit();
        if (hop != null && (hop < 1 || hop > 64)) {
            throw Ec2Errors.invalidValue(String.valueOf(hop), "HttpPutResponseHopLimit", "The value must be between 1 and 64.");
        }
    }
}
