package io.gureum.elb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A target group as stored (and journaled as JSON): mutable, guarded by the state's lock. */
public final class StoredTargetGroup {
    public String arn;
    public String name;
    public String targetType;
    public String protocol;
    public String protocolVersion;
    public Integer port;
    public String vpcId;
    public String ipAddressType;
    public Boolean healthCheckEnabled;
    public String healthCheckProtocol;
    public String healthCheckPort;
    public String healthCheckPath;
    public Integer healthCheckIntervalSeconds;
    public Integer healthCheckTimeoutSeconds;
    public Integer healthyThresholdCount;
    public Integer unhealthyThresholdCount;
    public String matcherHttpCode;
    public String matcherGrpcCode;
    public Instant created;
    public Map<String, String> attributes = new LinkedHashMap<>();
    public List<Target> targets = new ArrayList<>();

    /** One registered target. */
    public static final class Target {
        public String id;
        public Integer port;
        public String availabilityZone;
        public Instant registered;
        /** Set while the target drains after DeregisterTargets; it is removed once the delay has passed. */
        public Instant drainingUntil;

        boolean same(String otherId, Integer otherPort) {
            return id.equals(otherId) && java.util.Objects.equals(port, otherPort);
        }
    }

    /** {@code targetgroup/name/id}: CloudFormation's TargetGroupFullName. */
    String fullName() {
        return arn.substring(arn.indexOf(":targetgroup/") + 1);
    }
}
