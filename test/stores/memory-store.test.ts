import { MemoryStore } from '../../graph/memory-store';
import { describeStoreConformance } from './conformance';

describeStoreConformance('MemoryStore', async () => new MemoryStore());
