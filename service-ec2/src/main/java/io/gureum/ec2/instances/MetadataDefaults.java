package io.gureum.ec2.instances;

import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;

/**
 * The account's default instance metadata options in a Region (ModifyInstanceMetadataDefaults). At launch the
 * options come, option by option, from the launch parameters, else these defaults, else the AMI
 * ({@code ImdsSupport} {@code v2.0}: tokens required, hop limit 2), else EC2's defaults
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html#instance-metadata-options-order-of-precedence).
 */
final class MetadataDefaults {
    static final String KIND = "instance-metadata-defaults";

    /** One place's defaults; null is no preference. */
    static final class Settings {
        public String httpTokens;
        public Integer httpPutResponseHopLimit;
        public String httpEndpoint;
        public String instanceMetadataTags;
        public String httpTokensEnforced;

        boolean empty() {
            return httpTokens == null && httpPutResponseHopLimit == null && httpEndpoint == null
                    && instanceMetadataTags == null && httpTokensEnforced == null;
        }
    }

    private final RegionalState<Settings> stores = new RegionalState<>((account, region) -> new Settings());

    Settings of(ComputeStore s) {
        return stores.of(s.account, s.region);
    }

    /**
     * Applies the account defaults and the AMI's then the launch options to a new instance, and refuses a launch
     * that ends with IMDSv1 allowed while the account enforces IMDSv2.
     */
    void atLaunch(ComputeStore s, Instance i, String imdsSupport,
            software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest launch) {
        Settings d = of(s);
        if ("v2.0".equals(imdsSupport)) {
            i.httpTokens = "required";
            i.httpPutResponseHopLimit = 2;
        }
        InstanceMetadata.apply(i, d.httpTokens, d.httpPutResponseHopLimit, d.httpEndpoint, null,
                d.instanceMetadataTags);
        if (launch != null) {
            InstanceMetadata.apply(i, launch.httpTokensAsString(), launch.httpPutResponseHopLimit(),
                    launch.httpEndpointAsString(), launch.httpProtocolIpv6AsString(),
                    launch.instanceMetadataTagsAsString());
        }
    }

    /** Checked before launching (and before DryRun): IMDSv2 enforced and the launch would allow IMDSv1. */
    void checkEnforced(ComputeStore s, String imdsSupport,
            software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest launch) {
        Settings d = of(s);
        if (!"enabled".equals(d.httpTokensEnforced)) {
            return;
        }
        Instance probe = new Instance("i-probe", "r-probe", s.account);
        atLaunch(s, probe, imdsSupport, launch);
        if (!probe.httpTokens.equals("required")) {
            // AWS's page names no error code for this; OperationNotPermitted is Gureum's choice (docs/services/ec2.md).
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("IMDSv2 is enforced for this account in this Region: "
                    + "launch with HttpTokens set to required.");
        }
    }

    PlaceFamily records() {
        return new PlaceFamily() {
            @Override
            public void each(String account, String region, RecordSink sink) {
                Settings d = stores.of(account, region);
                if (!d.empty()) {
                    sink.accept(KIND, KIND, d);
                }
            }

            @Override
            public void restore(String account, String region, PlaceRecords in) {
                var kept = in.of(KIND).get(KIND);
                if (kept != null) {
                    Settings read = FieldJson.read(kept, Settings.class);
                    Settings d = stores.of(account, region);
                    d.httpTokens = read.httpTokens;
                    d.httpPutResponseHopLimit = read.httpPutResponseHopLimit;
                    d.httpEndpoint = read.httpEndpoint;
                    d.instanceMetadataTags = read.instanceMetadataTags;
                    d.httpTokensEnforced = read.httpTokensEnforced;
                }
            }
        };
    }
}
