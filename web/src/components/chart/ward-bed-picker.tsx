"use client";

import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { useWard, useWards } from "@/hooks/use-wards";

interface WardBedPickerProps {
  idPrefix: string;
  wardId: string;
  bedId: string;
  disabled?: boolean;
  errors?: { wardId?: string; bedId?: string };
  onChange: (next: { wardId: string; bedId: string }) => void;
}

/** A ward, then one of its free beds. */
export function WardBedPicker({ idPrefix, wardId, bedId, disabled, errors, onChange }: WardBedPickerProps) {
  const wards = useWards();
  const ward = useWard(wardId || null);
  const freeBeds = (ward.data?.beds ?? []).filter((bed) => !bed.occupied);

  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <FormField id={`${idPrefix}-ward`} label="Ward" error={errors?.wardId}>
        <NativeSelect
          id={`${idPrefix}-ward`}
          value={wardId}
          disabled={disabled || wards.isPending}
          aria-invalid={Boolean(errors?.wardId)}
          onChange={(event) => onChange({ wardId: event.target.value, bedId: "" })}
          data-testid={`${idPrefix}-ward`}
        >
          <option value="">Choose a ward…</option>
          {(wards.data?.items ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.code} — {item.name} ({item.bedCount - item.occupiedCount} free)
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField
        id={`${idPrefix}-bed`}
        label="Bed"
        error={errors?.bedId}
        hint={wardId && ward.data && freeBeds.length === 0 ? "No free bed on this ward." : undefined}
      >
        <NativeSelect
          id={`${idPrefix}-bed`}
          value={bedId}
          disabled={disabled || !wardId || ward.isPending}
          aria-invalid={Boolean(errors?.bedId)}
          onChange={(event) => onChange({ wardId, bedId: event.target.value })}
          data-testid={`${idPrefix}-bed`}
        >
          <option value="">{wardId ? "Choose a free bed…" : "Choose a ward first"}</option>
          {freeBeds.map((bed) => (
            <option key={bed.id} value={bed.id}>
              {bed.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </div>
  );
}
