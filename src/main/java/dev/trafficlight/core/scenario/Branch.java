package dev.trafficlight.core.scenario;

/** An {@code on:} rule: when {@code role} answers {@code word}, go to {@code target}. */
public record Branch(String role, String word, Target target) {}
