/** What the numbers were measured on. Load averages are taken at start and end: the machine is shared. */
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  totalMemoryMb: number;
  loadAverage: { atStart: number[]; atEnd?: number[] };
}

const loadNow = (): number[] => os.loadavg().map((value) => Number(value.toFixed(2)));

export function describeMachine(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    totalMemoryMb: Math.round(os.totalmem() / 1048576),
    loadAverage: { atStart: loadNow() },
  };
}

export function finishMachine(machine: MachineInfo): MachineInfo {
  return { ...machine, loadAverage: { ...machine.loadAverage, atEnd: loadNow() } };
}
