/**
 * A fresh owner id for a lock this run takes: the Locking Module lets only the owner release a lock
 * and refuses it to everyone else (an owner left undefined would be shared by every run). A step,
 * not a transform, so the id is this run's checkpointed value wherever the lock is released.
 */
import { randomUUID } from "node:crypto"

import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const newLockOwnerStepId = "new-invoicebox-lock-owner"

export const newLockOwnerStep = createStep(newLockOwnerStepId, async () => new StepResponse(randomUUID()))
