package io.gureum.cloudformation.stackset;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * A stack instance: the stack set's stack in one account and Region. {@code status} is CURRENT, OUTDATED or
 * INOPERABLE; {@code detailedStatus} PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED or INOPERABLE
 * ("StackInstanceComprehensiveStatus"). Guarded by the state's lock.
 */
public final class StackInstanceRecord {
    public final String account;
    public final String region;
    public String stackId;
    public String status = "OUTDATED";
    public String detailedStatus = "PENDING";
    public String statusReason;
    public List<Parameter> parameterOverrides = new ArrayList<>();
    public String lastOperationId;
    /** The OU through which a service-managed stack set targets the account, or null. */
    public String organizationalUnitId;
    /** The instance's stack's drift at the last DetectStackSetDrift: NOT_CHECKED, IN_SYNC or DRIFTED. */
    public String driftStatus = "NOT_CHECKED";
    public java.time.Instant lastDriftCheck;

    public StackInstanceRecord(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
