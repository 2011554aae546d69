import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { isWorkflowClass } from '@baton/sdk';
import { WorkflowScopeError } from '../errors/workflow-scope.error.js';
import { WorkflowRegistry } from './workflow.registry.js';

/**
 * Finds every provider whose class carries `@Workflow` when the module initialises, and registers it.
 * A definition error or a duplicate name fails the application's start-up with the SDK's message.
 */
@Injectable()
export class WorkflowExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: WorkflowRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype } = wrapper;
      const instance: unknown = wrapper.instance;
      if (!isWorkflowClass(metatype) || wrapper.inject) continue;
      if (!instance || !wrapper.isDependencyTreeStatic()) {
        throw new WorkflowScopeError(metatype.name);
      }
      this.registry.register(metatype, instance);
    }
  }
}
