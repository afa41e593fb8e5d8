package io.gureum.ec2.instances;

/** EC2's instance states with their codes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html). */
public enum InstanceState {
    PENDING("pending", 0),
    RUNNING("running", 16),
    SHUTTING_DOWN("shutting-down", 32),
    TERMINATED("terminated", 48),
    STOPPING("stopping", 64),
    STOPPED("stopped", 80);

    public final String label;
    public final int code;

    InstanceState(String label, int code) {
        this.label = label;
        this.code = code;
    }

    /** The state a transitional state settles into. */
    InstanceState next() {
        return switch (this) {
            case PENDING -> RUNNING;
            case STOPPING -> STOPPED;
            case SHUTTING_DOWN -> TERMINATED;
            default -> this;
        };
    }

    boolean transitional() {
        return this == PENDING || this == STOPPING || this == SHUTTING_DOWN;
    }

    public software.amazon.awssdk.services.ec2.model.InstanceState toSdk() {
        return software.amazon.awssdk.services.ec2.model.InstanceState.builder().code(code).name(label).build();
    }
}
