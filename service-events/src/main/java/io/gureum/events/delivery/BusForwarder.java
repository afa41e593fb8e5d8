package io.gureum.events.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Puts an event on another bus (a rule whose target is an event bus), as the rule's account. */
@FunctionalInterface
public interface BusForwarder {
    /**
     * @throws RuntimeException {@code ResourceNotFoundException} when the bus does not exist, an
     *     {@code AccessDeniedException} when its policy does not let {@code senderAccount} put events
     */
    void forward(String senderAccount, String busArn, ObjectNode event);
}
