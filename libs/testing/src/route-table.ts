import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  GATEWAY_METADATA,
  GATEWAY_OPTIONS,
  MESSAGE_MAPPING_METADATA,
  MESSAGE_METADATA,
} from '@nestjs/websockets/constants';

export interface RegisteredRoute {
  method: string;
  path: string;
}

export interface SocketMessageHandler {
  namespace: string;
  message: string;
}

/** Where Nest mounts middleware applied to every route (request logging), once per HTTP method: not a handler. */
const EVERY_ROUTE = '{/*splat}';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every HTTP route the running app answers, read from the Express router itself — the routes of
 * every controller and anything mounted beside them (the OpenAPI documents) — not from a list.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack.flatMap((layer) =>
    layer.route && layer.route.path !== EVERY_ROUTE
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => ({ method: m.toUpperCase(), path: layer.route!.path }))
      : [],
  );
}

/** Every socket.io message handler of every gateway the app holds, with its namespace. */
export function socketMessageHandlers(app: INestApplication): SocketMessageHandler[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  return discovery.getProviders().flatMap(({ instance, metatype }) => {
    if (!instance || !metatype || !reflector.get<boolean>(GATEWAY_METADATA, metatype)) return [];
    const options = reflector.get<{ namespace?: string } | undefined>(GATEWAY_OPTIONS, metatype);
    const prototype = Object.getPrototypeOf(instance) as object;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const method = (prototype as Record<string, unknown>)[name] as object;
      if (!reflector.get<boolean>(MESSAGE_MAPPING_METADATA, method as never)) return [];
      const message = reflector.get<string>(MESSAGE_METADATA, method as never);
      return [{ namespace: options?.namespace ?? '/', message }];
    });
  });
}
