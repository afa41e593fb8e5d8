package io.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;

/** A listener's non-default rule; conditions, actions and transforms are the SDK's shapes as JSON. */
public final class StoredRule {
    public String arn;
    public String listenerArn;
    public int priority;
    public JsonNode conditions;
    public JsonNode actions;
    public JsonNode transforms;
}
